from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("Người học và đơn vị")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import OrgUnit, UnitRole
        from .selectors import unit_roles_changed

        for model in (UnitRole, OrgUnit):
            for signal in (post_save, post_delete):
                signal.connect(
                    unit_roles_changed, sender=model, dispatch_uid=f"people_roles_{model.__name__}"
                )
