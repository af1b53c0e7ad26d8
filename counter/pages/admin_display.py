"""The Display tab: the hall display's ticker in Thai and English, how many recent
calls it lists, how long a new call flashes, and how calls are announced; and the
site-wide times a booking checks in and when the phone page says the turn is near."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QSpinBox, QVBoxLayout

from counter import strings
from counter.pages.admin import AdminActions, AdminData, AdminTab, button, form_rows
from shared.site_edit import put_sections

ENGINES = ("auto", "voicepack", "tts", "chime", "off")


class DisplayTab(AdminTab):
    def __init__(self, actions: AdminActions) -> None:
        super().__init__(actions)
        actions.loaded.connect(self.show_data)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.ticker_th_edit = QLineEdit()
        self.ticker_en_edit = QLineEdit()
        self.recent_box = QSpinBox()
        self.recent_box.setRange(0, 20)
        self.flash_box = QSpinBox()
        self.flash_box.setRange(0, 60)
        self.engine_box = QComboBox()
        for engine in ENGINES:
            self.engine_box.addItem(engine, engine)
        self.voicepack_edit = QLineEdit()
        self.english_box = QCheckBox()
        self.volume_box = QSpinBox()
        self.volume_box.setRange(0, 100)
        self.checkin_early_box = QSpinBox()
        self.checkin_early_box.setRange(0, 720)
        self.checkin_late_box = QSpinBox()
        self.checkin_late_box.setRange(0, 720)
        self.near_turn_box = QSpinBox()
        self.near_turn_box.setRange(0, 50)
        form_rows(form, [
            (strings.TICKER_TH, self.ticker_th_edit),
            (strings.TICKER_EN, self.ticker_en_edit),
            (strings.RECENT_CALLS, self.recent_box),
            (strings.FLASH_SECONDS, self.flash_box),
            (strings.VOICE_ENGINE, self.engine_box),
            (strings.VOICEPACK, self.voicepack_edit),
            (strings.VOICE_ENGLISH, self.english_box),
            (strings.VOLUME, self.volume_box),
            (strings.CHECKIN_EARLY, self.checkin_early_box),
            (strings.CHECKIN_LATE, self.checkin_late_box),
            (strings.NEAR_TURN_AHEAD, self.near_turn_box),
        ])
        layout.addLayout(form)
        self.save_button = button(strings.SAVE, primary=True)
        layout.addWidget(self.save_button)
        layout.addStretch(1)
        self.change_buttons = [self.save_button]
        self.save_button.clicked.connect(self.save)

    def show_data(self, data: AdminData) -> None:
        display, voice = data.site.display, data.site.voice
        self.ticker_th_edit.setText(display.ticker_th)
        self.ticker_en_edit.setText(display.ticker_en)
        for edit in (self.ticker_th_edit, self.ticker_en_edit):
            edit.setCursorPosition(0)  # the ticker's start, not its end
        self.recent_box.setValue(display.recent_calls)
        self.flash_box.setValue(display.flash_seconds)
        self.engine_box.setCurrentIndex(max(0, self.engine_box.findData(voice.engine)))
        self.voicepack_edit.setText(voice.voicepack)
        self.english_box.setChecked(voice.english)
        self.volume_box.setValue(round(voice.volume * 100))
        self.checkin_early_box.setValue(data.site.checkin_early_minutes)
        self.checkin_late_box.setValue(data.site.checkin_late_minutes)
        self.near_turn_box.setValue(data.site.web.near_turn_ahead)

    def save(self) -> None:
        edit = put_sections({
            "display": {
                "ticker_th": self.ticker_th_edit.text(),
                "ticker_en": self.ticker_en_edit.text(),
                "recent_calls": self.recent_box.value(),
                "flash_seconds": self.flash_box.value(),
            },
            "voice": {
                "engine": self.engine_box.currentData(),
                "voicepack": self.voicepack_edit.text(),
                "english": self.english_box.isChecked(),
                "volume": self.volume_box.value() / 100,
            },
            "site": {
                "checkin_early_minutes": self.checkin_early_box.value(),
                "checkin_late_minutes": self.checkin_late_box.value(),
            },
            "web": {"near_turn_ahead": self.near_turn_box.value()},
        })
        self.runner.change(lambda store, admin: store.change_site(edit, by=admin))
