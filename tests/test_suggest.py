"""The one \"did you mean\" lookup."""

from __future__ import annotations


def test_did_you_mean_names_the_closest_known_name():
    from oneonone_cli.suggest import did_you_mean

    assert did_you_mean("alcie", ["alice", "bob"]) == "did you mean 'alice'? "
    assert did_you_mean("zed", ["alice", "bob"]) == ""
    assert (
        did_you_mean("m-meanin", iter({"m-meaning", "r-blocker"})) == "did you mean 'm-meaning'? "
    )
