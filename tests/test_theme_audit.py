"""Stem-collision audit (issue 24): every common word that shares a stem term's stem has been
reviewed in themes.csv, and a new term that brings in an unreviewed word fails here."""

import pandas as pd
import pytest

from analysis.theme_audit import audit_summary, collision_audit, main, unreviewed
from analysis.themes import load_themes


@pytest.fixture(scope="module")
def audit():
    return collision_audit()


def test_every_common_form_of_every_stem_term_is_reviewed(audit):
    missing = unreviewed(audit)
    assert missing.empty, "unreviewed forms (add them to accepted_forms or rejected_forms):\n" + \
        missing.to_string(index=False)


def test_the_collisions_named_in_the_issue_are_prevented(audit):
    rejected = set(zip(audit.loc[audit["review"] == "rejected", "term"],
                       audit.loc[audit["review"] == "rejected", "form"]))
    for term, form in [("transit", "transition"), ("route", "rout"), ("route", "routed"),
                       ("business", "busy"), ("university", "universe"), ("container", "contains"),
                       ("ties", "tied"), ("fuel", "fueled"), ("border", "bordering")]:
        assert (term, form) in rejected, (term, form)


def test_a_new_stem_term_with_an_unreviewed_collision_fails(tmp_path):
    # 'organ' (stem 'organ') would bring in 'organic', 'organization', 'organs' ...
    themes = pd.concat([load_themes(), pd.DataFrame([{
        "theme": "society & culture", "term": "organ", "match": "stem",
        "accepted_forms": "", "rejected_forms": "", "note": ""}])], ignore_index=True)
    found = unreviewed(collision_audit(themes))
    assert set(found["term"]) == {"organ"}
    assert {"organic", "organization"} <= set(found["form"])
    # once reviewed, it passes
    themes.loc[themes["term"] == "organ", "rejected_forms"] = " ".join(sorted(set(found["form"])))
    assert unreviewed(collision_audit(themes)).empty


def test_summary_counts_add_up(audit):
    summary = audit_summary(audit)
    reviewed = summary["accepted"] + summary["accepted (phrase *)"] + summary["rejected (prevented)"]
    assert reviewed + summary["unreviewed"] == summary["forms sharing a stem"]
    assert summary["unreviewed"] == 0 and summary["rejected (prevented)"] > 100


def test_command_line_exit_status(capsys):
    assert main([]) == 0
    assert "unreviewed: 0" in capsys.readouterr().out
