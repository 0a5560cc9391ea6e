from __future__ import annotations

from typing import Any

from allywatch.corpus.consolidate import Source, compatible, consolidate, story_conflicts
from allywatch.nlp.money import FxTable, find_amounts
from allywatch.output import amount_to_json


def _transfer(supplier: str, recipient: str, amount: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"type": "arms_transfer", "participants": sorted([supplier, recipient]),
            "roles": {"supplier": supplier, "recipient": recipient}, "status": "agreed", "item": "missiles",
            "amount": amount}


def _amount(text: str, year: int = 2025) -> dict[str, Any]:
    [found] = find_amounts(text, FxTable.load(), year)
    return amount_to_json(found)


def test_two_transfers_in_opposite_directions_stay_two_events() -> None:
    sources = [Source("a", "Wire A", "2025-03-01", (_transfer("USA", "JPN"), _transfer("JPN", "USA"))),
               Source("b", "Wire B", "2025-03-02", (_transfer("USA", "JPN"),))]
    events = consolidate(sources)
    assert sorted((e.roles["supplier"], e.roles["recipient"], e.outlets) for e in events) == [
        ("JPN", "USA", 1), ("USA", "JPN", 2)]
    assert all(not e.conflicts for e in events)


def test_a_figure_inside_a_bound_or_near_an_estimate_agrees() -> None:
    agree = [("The deal is worth 9.2 trillion won.", "It is valued at more than 9 trillion won."),
             ("Costs could reach up to $2 billion.", "The order is worth $1.9 billion."),
             ("It costs about $2 billion.", "The contract totals $2.1 billion."),
             ("The aid exceeds in value, at over $500 million, any before it.", "A package of $620 million.")]
    for one, two in agree:
        assert compatible(_amount(one), _amount(two)) and compatible(_amount(two), _amount(one)), (one, two)
    disagree = [("The deal is worth 9.2 trillion won.", "It is valued at more than 10 trillion won."),
                ("The order is worth $1.9 billion.", "The order is worth $2.4 billion."),
                ("Costs could reach up to $2 billion.", "Bids came in at over $3 billion.")]
    for one, two in disagree:
        assert not compatible(_amount(one), _amount(two)) and not compatible(_amount(two), _amount(one)), (one, two)


def test_only_figures_that_cannot_both_be_true_are_a_conflict() -> None:
    def story(*amounts: str) -> list[Source]:
        return [Source(f"d{i}", f"Outlet {i}", "2025-08-01", (_transfer("KOR", "POL", _amount(text)),))
                for i, text in enumerate(amounts)]

    [bounded] = consolidate(story("a $6.5 billion contract", "a deal worth more than $6 billion"))
    assert bounded.conflicts == [] and bounded.amount is not None and bounded.amount["value"] == 6.5e9
    [different] = consolidate(story("a $6.5 billion contract", "a deal worth $7.4 billion"))
    assert [c["field"] for c in different.conflicts] == ["amount"]


def test_a_conversion_far_from_the_years_rate_is_flagged() -> None:
    fair = "Tokyo set aside ¥8.7 trillion ($57 billion) for the year."
    wrong = "Tokyo set aside ¥8.7 trillion ($87 billion) for the year."
    amounts = {"fair": [amount_to_json(a) for a in find_amounts(fair, FxTable.load(), 2024)],
               "wrong": [amount_to_json(a) for a in find_amounts(wrong, FxTable.load(), 2024)]}
    found = story_conflicts([Source("fair", None, "2024-12-27", ()), Source("wrong", None, "2024-12-27", ())], amounts)
    rates = [c for c in found if c["field"] == "conversion rate"]
    assert [c["doc"] for c in rates] == ["wrong"]
    assert [c["field"] for c in found].count("conversion") == 1  # and the two disagree with each other
