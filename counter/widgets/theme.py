"""The counter's look: deep navy and teal on white, calm for a whole working day."""

from __future__ import annotations

NAVY = "#0b2545"
NAVY_SOFT = "#13315c"
TEAL = "#0e7c7b"
TEAL_DARK = "#0a5f5e"
PAGE = "#f3f5f8"
CARD = "#ffffff"
LINE = "#d5dbe3"
INK = "#1b2733"
MUTED = "#5b6b7c"
AMBER = "#b7791f"
RED = "#b42318"
GREEN = "#1f7a3f"
PRIORITY = "#7a3fb2"

LEVEL_COLOURS = {"info": NAVY_SOFT, "ok": GREEN, "warn": AMBER, "error": RED}


def stylesheet(family: str) -> str:
    """The application style sheet, with the bundled Thai family everywhere."""
    return f"""
    * {{ font-family: "{family}"; color: {INK}; }}
    QMainWindow, QWidget#page {{ background: {PAGE}; }}
    QFrame#header {{ background: {NAVY}; }}
    QFrame#header QLabel {{ color: white; }}
    QLabel#headerTitle {{ font-size: 22px; font-weight: 700; }}
    QLabel#headerSub {{ font-size: 15px; color: #c9d6e8; }}
    QFrame#card {{ background: {CARD}; border: 1px solid {LINE}; border-radius: 10px; }}
    QLabel#cardTitle {{ font-size: 17px; font-weight: 700; color: {NAVY}; }}
    QLabel#muted {{ color: {MUTED}; font-size: 14px; }}
    QLabel#ticketCode {{ font-size: 120px; font-weight: 700; color: {NAVY}; }}
    QLabel#ticketCode[empty="true"] {{ font-size: 22px; font-weight: 500; color: {MUTED}; }}
    QLabel#ticketService {{ font-size: 20px; color: {INK}; }}
    QLabel#ticketMeta {{ font-size: 17px; color: {MUTED}; }}
    QLabel#priority {{ background: {PRIORITY}; color: white; border-radius: 6px;
        padding: 3px 10px; font-size: 16px; font-weight: 700; }}
    QLabel#pausedBanner {{ background: {AMBER}; color: white; font-size: 18px;
        font-weight: 700; padding: 8px; border-radius: 8px; }}
    QLabel#serviceName {{ font-size: 16px; }}
    QLabel#upcoming {{ font-size: 19px; }}
    QLabel#bigNumber {{ font-size: 30px; font-weight: 700; color: {TEAL_DARK}; }}
    QLineEdit {{ background: white; border: 2px solid {LINE}; border-radius: 8px;
        padding: 6px 10px; font-size: 20px; }}
    QLineEdit:focus {{ border-color: {TEAL}; }}
    QComboBox {{ background: white; border: 2px solid {LINE}; border-radius: 8px;
        padding: 6px 10px; font-size: 18px; }}
    QPushButton {{ background: white; border: 2px solid {NAVY_SOFT}; border-radius: 10px;
        padding: 6px 10px; font-size: 16px; color: {NAVY}; }}
    QPushButton:hover {{ background: #e8eef6; }}
    QPushButton:disabled {{ border-color: {LINE}; color: #9aa7b5; background: #f7f8fa; }}
    QPushButton#primary {{ background: {TEAL}; border-color: {TEAL}; color: white;
        font-size: 20px; font-weight: 700; }}
    QPushButton#primary:hover {{ background: {TEAL_DARK}; }}
    QPushButton#primary:disabled {{ background: #9fc4c3; border-color: #9fc4c3; }}
    QPushButton#headerButton {{ background: {NAVY_SOFT}; color: white; border: 1px solid #3d5a80;
        font-size: 15px; }}
    QLabel#status {{ font-size: 16px; padding: 6px 14px; background: white;
        border-top: 1px solid {LINE}; }}
    QListWidget {{ background: white; border: 1px solid {LINE}; border-radius: 8px;
        font-size: 17px; }}
    QListWidget::item {{ padding: 4px 8px; }}
    QListWidget::item:selected {{ background: {TEAL}; color: white; }}
    QWidget#mini {{ background: {NAVY}; border: 2px solid {TEAL}; }}
    QWidget#mini QLabel {{ color: white; }}
    QLabel#miniCode {{ font-size: 34px; font-weight: 700; }}
    QWidget#mini QPushButton {{ font-size: 14px; padding: 4px 8px; }}
    """
