"""The Display tab: the hall display's ticker in Thai and English, how many recent
calls it lists, how long a new call flashes, and how calls are announced."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QSpinBox, QVBoxLayout

from counter import strings
from counter.pages.admin import AdminActions, AdminData, AdminTab, button, form_rows
from shared.site_edit import put_display

ENGINES = ("auto", "voicepack", "tts", "chime", "off")


class DisplayTab(AdminTab):
    def __init__(self, actions: AdminActions) -> None:
        super().__init__(actions)
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
        form_rows(form, [
            (strings.TICKER_TH, self.ticker_th_edit),
            (strings.TICKER_EN, self.ticker_en_edit),
            (strings.RECENT_CALLS, self.recent_box),
            (strings.FLASH_SECONDS, self.flash_box),
            (strings.VOICE_ENGINE, self.engine_box),
            (strings.VOICEPACK, self.voicepack_edit),
            (strings.VOICE_ENGLISH, self.english_box),
            (strings.VOLUME, self.volume_box),
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

    def save(self) -> None:
        edit = put_display(
            {
                "ticker_th": self.ticker_th_edit.text(),
                "ticker_en": self.ticker_en_edit.text(),
                "recent_calls": self.recent_box.value(),
                "flash_seconds": self.flash_box.value(),
            },
            {
                "engine": self.engine_box.currentData(),
                "voicepack": self.voicepack_edit.text(),
                "english": self.english_box.isChecked(),
                "volume": self.volume_box.value() / 100,
            },
        )
        self.runner.change(lambda store, admin: store.change_site(edit, by=admin))
