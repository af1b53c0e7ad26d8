"""Khiu core: domain, storage, queue rules, change feed, printing, speech, i18n, site config."""
