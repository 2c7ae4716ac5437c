from certificates.codes import code_generate, code_normalize


def test_code_has_at_least_128_random_bits_in_groups_of_four():
    code = code_generate()
    groups = code.split("-")
    assert all(len(group) == 4 for group in groups)
    assert len("".join(groups)) * 5 >= 128
    assert code_normalize(code) == code


def test_codes_do_not_repeat():
    assert len({code_generate() for _ in range(1000)}) == 1000


def test_code_typed_in_lower_case_with_spaces_is_the_same_code():
    code = code_generate()
    typed = code.lower().replace("-", " ")
    assert code_normalize(typed) == code


def test_text_that_cannot_be_a_code_normalizes_to_none():
    assert code_normalize("ABC") is None
    assert code_normalize("0" * 32) is None  # 0 is not in the base32 alphabet
    assert code_normalize("") is None
