"""The Problems table's short columns: as wide as their widest cell, without asking the
model for every cell each time the problems change."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from editor.core.episode.validation import Problem
from editor.qt.features.problems.dock import ProblemsPanel
from editor.qt.features.problems.model import LOCATION, RULE, SEVERITY, ProblemsModel

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

SHORT_COLUMNS = (SEVERITY, LOCATION, RULE)


def problem(
    index: int, rule: str = "transcript.missing-speaker", key: str = "transcript"
) -> Problem:
    severity = "error" if index % 3 else "warning"
    return Problem(rule, severity, f"Problem number {index}.", (key, index), index + 3, 1)


class CountingModel(ProblemsModel):
    def __init__(self) -> None:
        super().__init__()
        self.data_calls = 0

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.data_calls += 1
        return super().data(index, role)


@pytest.fixture
def panel(qtbot) -> ProblemsPanel:  # type: ignore[no-untyped-def]
    widget = ProblemsPanel()
    qtbot.addWidget(widget)
    widget.resize(900, 200)
    widget.show()
    return widget


def assert_cells_fit(panel: ProblemsPanel) -> None:
    header = panel.view.horizontalHeader()
    for column in SHORT_COLUMNS:
        needed = [
            panel.view.sizeHintForIndex(panel.model.index(row, column)).width()
            for row in range(panel.model.rowCount())
        ]
        needed.append(header.sectionSizeHint(column))
        assert header.sectionSize(column) == max(needed), column


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rules=st.lists(
        st.text(alphabet="abcdefghij.-WM", min_size=1, max_size=40), min_size=1, max_size=30
    ),
    lines=st.lists(st.integers(min_value=1, max_value=10**7), min_size=1, max_size=30),
)
def test_short_columns_are_as_wide_as_their_widest_cell(
    panel: ProblemsPanel, rules: list[str], lines: list[int]
) -> None:
    problems = [
        Problem(rule, "error" if i % 2 else "warning", "m", ("transcript", line), line, 1)
        for i, (rule, line) in enumerate(zip(rules, lines, strict=False))
    ]
    panel.set_problems(problems)
    assert_cells_fit(panel)


def test_the_columns_shrink_again_when_long_problems_go(panel: ProblemsPanel) -> None:
    long_rule = problem(5, rule="a.very-long-rule-name-that-needs-a-wide-column-indeed")
    panel.set_problems([problem(1), long_rule])
    wide = panel.view.horizontalHeader().sectionSize(RULE)
    panel.set_problems([problem(1)])
    assert panel.view.horizontalHeader().sectionSize(RULE) < wide
    assert_cells_fit(panel)


def data_calls_to_show(count: int, qtbot) -> int:  # type: ignore[no-untyped-def]
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    model = CountingModel()
    panel.model = model
    panel.view.setModel(model)
    panel.resize(900, 200)
    panel.show()
    panel.set_problems([problem(i) for i in range(count)])
    QApplication.processEvents()
    panel.view.viewport().repaint()
    return model.data_calls


def test_showing_more_problems_does_not_ask_the_model_about_every_cell(qtbot) -> None:  # type: ignore[no-untyped-def]
    # A screenful of rows is painted either way; sizing the columns must not visit them all
    # (ResizeToContents asked the model for every cell of three columns, on every change).
    few = data_calls_to_show(40, qtbot)
    many = data_calls_to_show(400, qtbot)
    assert many <= few * 1.5, (few, many)


def test_checks_that_find_the_same_problems_leave_the_table_where_the_user_left_it(
    panel: ProblemsPanel,
) -> None:
    problems = [problem(i) for i in range(60)]
    panel.set_problems(problems)
    bar = panel.view.verticalScrollBar()
    panel.view.selectRow(50)
    bar.setValue(bar.maximum())
    where = bar.value()
    resets: list[int] = []
    panel.model.modelReset.connect(lambda: resets.append(1))

    panel.set_problems([problem(i) for i in range(60)])  # equal, not the same objects
    assert resets == []
    assert bar.value() == where > 0
    assert panel.current_problem() == problems[50]

    panel.set_problems(problems[1:])
    assert resets == [1]
    assert_cells_fit(panel)
