"""The snap review: every proposed move (old time, new time, distance), each can be unticked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.episode.snap import SnapMove
from editor.core.episode.transcript import TimeStyle


class SnapReviewDialog(QDialog):
    def __init__(
        self,
        moves: Sequence[SnapMove],
        style: TimeStyle,
        max_shift: float,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("snapReviewDialog")
        self.setWindowTitle("Snap to speech")
        self.moves = list(moves)
        intro = QLabel(
            f"{len(self.moves)} time{'s' if len(self.moves) != 1 else ''} can move to where "
            f"speech starts (at most {max_shift:g} s away). Untick what should stay; "
            "OK applies the rest as one undo step.",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.moves), 4, self)
        self.table.setObjectName("snapMoves")
        self.table.setHorizontalHeaderLabels(["What", "Old time", "New time", "Distance"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, move in enumerate(self.moves):
            what = QTableWidgetItem(move.label)
            what.setFlags(what.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            what.setCheckState(Qt.CheckState.Checked)
            sign = "+" if move.distance > 0 else "−"
            cells = [
                what,
                QTableWidgetItem(style.text(move.old)),
                QTableWidgetItem(style.text(move.new)),
                QTableWidgetItem(f"{sign}{abs(move.distance)} s"),
            ]
            for column, cell in enumerate(cells):
                if column:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, cell)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def chosen(self) -> list[SnapMove]:
        return [
            move
            for row, move in enumerate(self.moves)
            if (item := self.table.item(row, 0)) is not None
            and item.checkState() == Qt.CheckState.Checked
        ]


def review_snap_moves(
    parent: QWidget | None, moves: Sequence[SnapMove], style: TimeStyle, max_shift: float
) -> list[SnapMove] | None:
    """The moves the user keeps, or None when cancelled (tests replace this function)."""
    dialog = SnapReviewDialog(moves, style, max_shift, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()
    finally:
        dialog.deleteLater()
