"""The site file may not ask citizens for photocopies (cabinet resolution: ID card only)."""

from __future__ import annotations

import tomllib

import pytest

from shared.domain.errors import SiteFileError
from shared.paths import DEMO_SITE_FILE
from shared.site import site_from_mapping


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("documents_th", "สำเนาทะเบียนบ้าน 1 ฉบับ"),
        ("documents_en", "Photocopy of your house registration"),
        ("documents_en", "A photo-copy of the ID card"),
        ("documents_en", "Two copies of the title deed"),
    ],
)
def test_a_document_asking_for_copies_is_refused(key: str, text: str) -> None:
    data = tomllib.loads(DEMO_SITE_FILE.read_text(encoding="utf-8"))
    data["services"][1][key] = [text]
    with pytest.raises(SiteFileError) as caught:
        site_from_mapping(data, "mysite.toml")
    assert f"mysite.toml: services[1].{key}[0]: asks for a photocopy" in caught.value.message_en
    assert "สำเนา" in caught.value.message_th


def test_original_documents_are_accepted() -> None:
    data = tomllib.loads(DEMO_SITE_FILE.read_text(encoding="utf-8"))
    data["services"][0]["documents_en"] = ["Thai ID card", "Your current driving licence"]
    site = site_from_mapping(data, "mysite.toml")
    assert site.services[0].documents_en == ("Thai ID card", "Your current driving licence")
