"""The counter's look: deep navy and teal on white, calm for a whole working day."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    """The counter's palette and font (built in app.py with the bundled Thai family)."""

    family: str = "Sarabun"
    navy: str = "#0b2545"
    navy_soft: str = "#13315c"
    teal: str = "#0e7c7b"
    teal_dark: str = "#0a5f5e"
    page: str = "#f3f5f8"
    card: str = "#ffffff"
    line: str = "#d5dbe3"
    ink: str = "#1b2733"
    muted: str = "#5b6b7c"
    amber: str = "#b7791f"
    red: str = "#b42318"
    green: str = "#1f7a3f"
    priority: str = "#7a3fb2"
    booked: str = "#0f5c8c"

    def level_colour(self, level: str) -> str:
        """The colour of a notice: info, ok, warn or error."""
        colours = {"info": self.navy_soft, "ok": self.green, "warn": self.amber, "error": self.red}
        return colours.get(level, colours["info"])

    def stylesheet(self) -> str:
        """The application style sheet, with the bundled Thai family everywhere."""
        return f"""
        * {{ font-family: "{self.family}"; color: {self.ink}; }}
        QMainWindow, QWidget#page {{ background: {self.page}; }}
        QFrame#header {{ background: {self.navy}; }}
        QFrame#header QLabel {{ color: white; }}
        QLabel#headerTitle {{ font-size: 22px; font-weight: 700; }}
        QLabel#headerSub {{ font-size: 15px; color: #c9d6e8; }}
        QFrame#card {{ background: {self.card}; border: 1px solid {self.line}; border-radius: 10px; }}
        QLabel#cardTitle {{ font-size: 17px; font-weight: 700; color: {self.navy}; }}
        QLabel#muted {{ color: {self.muted}; font-size: 14px; }}
        QLabel#ticketCode {{ font-size: 120px; font-weight: 700; color: {self.navy}; }}
        QLabel#ticketCode[empty="true"] {{ font-size: 22px; font-weight: 500; color: {self.muted}; }}
        QLabel#ticketService {{ font-size: 20px; color: {self.ink}; }}
        QLabel#ticketMeta {{ font-size: 17px; color: {self.muted}; }}
        QLabel#priority {{ background: {self.priority}; color: white; border-radius: 6px;
            padding: 3px 10px; font-size: 16px; font-weight: 700; }}
        QLabel#booked {{ background: {self.booked}; color: white; border-radius: 6px;
            padding: 3px 10px; font-size: 16px; font-weight: 700; }}
        QLabel#pausedBanner {{ background: {self.amber}; color: white; font-size: 18px;
            font-weight: 700; padding: 8px; border-radius: 8px; }}
        QLabel#serviceName {{ font-size: 16px; }}
        QLabel#upcoming {{ font-size: 19px; }}
        QLabel#bigNumber {{ font-size: 30px; font-weight: 700; color: {self.teal_dark}; }}
        QLineEdit {{ background: white; border: 2px solid {self.line}; border-radius: 8px;
            padding: 6px 10px; font-size: 20px; }}
        QLineEdit:focus {{ border-color: {self.teal}; }}
        QComboBox {{ background: white; border: 2px solid {self.line}; border-radius: 8px;
            padding: 6px 10px; font-size: 18px; }}
        QPushButton {{ background: white; border: 2px solid {self.navy_soft}; border-radius: 10px;
            padding: 6px 10px; font-size: 16px; color: {self.navy}; }}
        QPushButton:hover {{ background: #e8eef6; }}
        QPushButton:disabled {{ border-color: {self.line}; color: #9aa7b5; background: #f7f8fa; }}
        QPushButton#primary {{ background: {self.teal}; border-color: {self.teal}; color: white;
            font-size: 20px; font-weight: 700; }}
        QPushButton#primary:hover {{ background: {self.teal_dark}; }}
        QPushButton#primary:disabled {{ background: #9fc4c3; border-color: #9fc4c3; }}
        QPushButton#headerButton {{ background: {self.navy_soft}; color: white; border: 1px solid #3d5a80;
            font-size: 15px; }}
        QSpinBox, QPlainTextEdit {{ background: white; border: 2px solid {self.line};
            border-radius: 8px; padding: 4px 8px; font-size: 18px; }}
        QSpinBox {{ min-height: 34px; }}
        QCheckBox::indicator {{ width: 24px; height: 24px; }}
        QTabBar::tab {{ font-size: 16px; padding: 8px 16px; }}
        QTableWidget#adminTable {{ font-size: 16px; }}
        QLabel#status {{ font-size: 16px; padding: 6px 14px; background: white;
            border-top: 1px solid {self.line}; }}
        QListWidget {{ background: white; border: 1px solid {self.line}; border-radius: 8px;
            font-size: 17px; }}
        QListWidget::item {{ padding: 4px 8px; }}
        QListWidget::item:selected {{ background: {self.teal}; color: white; }}
        QWidget#mini {{ background: {self.navy}; border: 2px solid {self.teal}; }}
        QWidget#mini QLabel {{ color: white; }}
        QLabel#miniCode {{ font-size: 34px; font-weight: 700; }}
        QWidget#mini QPushButton {{ font-size: 14px; padding: 4px 8px; }}
    """
