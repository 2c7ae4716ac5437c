"""Create a self-signed certificate issuer for development and the demo (never for production)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from certificates.issuer import issuer_create, issuer_exists


class Command(BaseCommand):
    help = "Tạo khóa và chứng thư tự ký của đơn vị cấp chứng chỉ (chỉ để phát triển, demo)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Tạo lại dù đã có.")

    def handle(self, *args, **options):
        if issuer_exists() and not options["force"]:
            self.stdout.write("Đã có khóa của đơn vị cấp; dùng --force để tạo lại.")
            return
        issuer_create(
            p12_path=Path(settings.CERTIFICATE_ISSUER_P12),
            ed25519_path=Path(settings.CERTIFICATE_ISSUER_ED25519_KEY),
            passphrase=settings.CERTIFICATE_ISSUER_PASSPHRASE,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo: {settings.CERTIFICATE_ISSUER_P12}, "
                f"{settings.CERTIFICATE_ISSUER_ED25519_KEY}"
            )
        )
