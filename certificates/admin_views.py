"""Revoking a certificate in the Wagtail admin: a reason is required."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Certificate
from .services import certificate_revoke


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do thu hồi"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=gettext_lazy("Hiện công khai trên trang kiểm tra chứng chỉ."),
    )


def revoke(request, pk):
    if not request.user.has_perm("certificates.change_certificate"):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate_revoke(
                certificate=certificate, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Đã thu hồi chứng chỉ %(code)s.") % {"code": certificate.code}
            )
            return redirect("certificates_certificate:index")
    return TemplateResponse(
        request,
        "certificates/admin/revoke.html",
        {"certificate": certificate, "form": form},
    )
