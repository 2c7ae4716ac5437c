"""factory-boy factories for the domain models; one place, imported by every test package."""

import factory

from people.models import OrgUnit, User

TEST_PASSWORD = "mat-khau-thu-nghiem-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def unit_create(*, name: str, code: str, kind: str = "commune", parent: OrgUnit | None = None):
    """Adds a unit to the tree (treebeard needs add_root/add_child, not a plain save)."""
    if parent is None:
        return OrgUnit.add_root(name=name, code=code, kind=kind)
    parent.refresh_from_db()
    return parent.add_child(name=name, code=code, kind=kind)
