"""Writes the seeded frameworks; used by the data migration and by `services.frameworks_seed`.

It takes the model classes as arguments so that a migration can pass its historical models.
Idempotent: existing rows are matched by their codes and updated, nothing is deleted.
"""

from . import digcomp_2_2, mappings, vn_tt02_2025

FRAMEWORKS = [vn_tt02_2025, digcomp_2_2]
MAPPING_DEFAULT_NOTE = "Cùng nội dung: miền 1–5 của Thông tư 02/2025 theo cấu trúc DigComp 2.2."


def load(*, Framework, Area, Competence, Level, CompetenceMapping) -> dict[str, int]:
    """Creates or updates every framework, area, competence, level and mapping."""
    counts = {"frameworks": 0, "areas": 0, "competences": 0, "levels": 0, "mappings": 0}
    by_code: dict[str, dict[str, object]] = {}
    for module in FRAMEWORKS:
        data = dict(module.FRAMEWORK)
        code = data.pop("code")
        if data.get("is_primary"):
            Framework.objects.exclude(code=code).filter(is_primary=True).update(is_primary=False)
        framework, _ = Framework.objects.update_or_create(code=code, defaults=data)
        counts["frameworks"] += 1
        competences = by_code.setdefault(code, {})
        for area_order, (area_code, name, name_en, items) in enumerate(module.AREAS, start=1):
            area, _ = Area.objects.update_or_create(
                framework=framework,
                code=area_code,
                defaults={"name": name, "name_en": name_en, "order": area_order},
            )
            counts["areas"] += 1
            for order, (comp_code, comp_name, comp_name_en) in enumerate(items, start=1):
                competence, _ = Competence.objects.update_or_create(
                    area=area,
                    code=comp_code,
                    defaults={"name": comp_name, "name_en": comp_name_en, "order": order},
                )
                competences[comp_code] = competence
                counts["competences"] += 1
        for index, (band, band_en) in enumerate(module.BANDS):
            for number in (2 * index + 1, 2 * index + 2):
                Level.objects.update_or_create(
                    framework=framework,
                    number=number,
                    defaults={
                        "name": f"{band} {number}",
                        "name_en": f"{band_en} {number}",
                        "band": band,
                        "band_en": band_en,
                    },
                )
                counts["levels"] += 1
    source = by_code[mappings.FROM_FRAMEWORK]
    target = by_code[mappings.TO_FRAMEWORK]
    for code_a, code_b in mappings.PAIRS:
        note = mappings.NOTES.get(code_a, MAPPING_DEFAULT_NOTE)
        CompetenceMapping.objects.update_or_create(
            competence_a=source[code_a], competence_b=target[code_b], defaults={"note": note}
        )
        counts["mappings"] += 1
    return counts
