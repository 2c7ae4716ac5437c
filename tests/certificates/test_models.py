import pytest
from django.core.exceptions import ValidationError

from tests.factories import CertificateTemplateFactory


@pytest.mark.django_db
def test_template_with_an_unknown_placeholder_names_it():
    template = CertificateTemplateFactory.build(body="Trao cho {ho_ten} vì {ly_do}.")
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "{ly_do}" in str(error.value.message_dict["body"])


@pytest.mark.django_db
def test_template_with_an_unclosed_brace_is_refused():
    template = CertificateTemplateFactory.build(body="Trao cho {ho_ten và {khoa_hoc}")
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "body" in error.value.message_dict


@pytest.mark.django_db
def test_template_with_known_placeholders_is_valid():
    template = CertificateTemplateFactory.build(
        body="{ho_ten} {khoa_hoc} {ngay} {diem} {nang_luc} {ma}"
    )
    template.full_clean()


@pytest.mark.django_db
def test_only_one_default_template():
    CertificateTemplateFactory(is_default=True)
    second = CertificateTemplateFactory.build(is_default=True)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "is_default" in error.value.message_dict
