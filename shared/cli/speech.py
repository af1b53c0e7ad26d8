"""`khiu announce` (announcement text and audio, no database) and `khiu voicepack`."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from shared.cli.args import whole_number
from shared.cli.context import CliContext, add_json_flag
from shared.domain.errors import KhiuError
from shared.speech.engines import ENGINE_KINDS, close_engines, engine_chain, render_announcement
from shared.speech.phrasing import announce
from shared.speech.voicepack import build_voicepack, missing_clips

DEFAULT_RATE_WPM = 150


def _add_voice_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rate", type=whole_number(20, 600), default=DEFAULT_RATE_WPM, help="system voice speed, words/min"
    )


def register(subparsers: Any) -> None:
    """Add `announce` and `voicepack build|check` to the khiu command line."""
    p = subparsers.add_parser(
        "announce",
        help="the Thai and English announcement for a code and counter (no database)",
    )
    p.add_argument("code", metavar="CODE", help="ticket code, e.g. A001")
    p.add_argument("counter", metavar="COUNTER", type=whole_number(0, 999_999_999), help="counter number, 1-999")
    p.add_argument("--recall", action="store_true", help="the wording of a repeated call")
    p.add_argument("--wav", metavar="PATH", help="also write the audio as a 16-bit PCM WAV")
    p.add_argument("--engine", choices=ENGINE_KINDS, default="auto", help="speech engine (auto)")
    p.add_argument("--voicepack", metavar="DIR", help="voice pack folder for the voicepack engine")
    p.add_argument("--no-chime", action="store_true", help="leave out the chime")
    _add_voice_options(p)
    add_json_flag(p)
    p.set_defaults(handler=announce_command, human=lambda v: f"{v['th']}\n{v['en']}")

    vp = subparsers.add_parser("voicepack", help="build or check a voice pack folder")
    vp_sub = vp.add_subparsers(dest="voicepack_command", required=True, metavar="ACTION")
    build = vp_sub.add_parser("build", help="write every clip from the system voice")
    build.add_argument("folder", metavar="DIR")
    build.add_argument("--force", action="store_true", help="overwrite clips already there")
    _add_voice_options(build)
    add_json_flag(build)
    build.set_defaults(handler=voicepack_build_command, human=_build_text)
    check = vp_sub.add_parser("check", help="list clips a voice pack lacks or cannot play")
    check.add_argument("folder", metavar="DIR")
    add_json_flag(check)
    check.set_defaults(handler=voicepack_check_command, human=_check_text)
    add_json_flag(vp)

    voices = subparsers.add_parser(
        "voices",
        help="the system voices (pyttsx3 and QTextToSpeech) and the Thai voice the hall uses",
    )
    add_json_flag(voices)
    voices.set_defaults(handler=voices_command, human=_voices_text)


def _quiet_speech_log() -> None:
    # Warnings reach the user through ctx.warn; without this, logging's last-resort
    # handler would print each one a second time.
    logger = logging.getLogger("khiu.speech")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())


def announce_command(args: argparse.Namespace, ctx: CliContext) -> dict[str, str]:
    ann = announce(args.code, args.counter, recall=args.recall)
    if args.wav:
        target = Path(args.wav)
        if not target.parent.is_dir():
            raise KhiuError(
                f"ไม่มีโฟลเดอร์ {target.parent} (สำหรับ --wav {args.wav})",
                f"folder {target.parent} does not exist (for --wav {args.wav})",
            )
        _quiet_speech_log()
        engines = engine_chain(args.engine, voicepack=args.voicepack, rate=args.rate)
        # Falling back is normal for auto; for an engine chosen by name it is a failure.
        exit_code = 0 if args.engine == "auto" else 3
        try:
            render_announcement(
                ann,
                target,
                engines,
                chime=not args.no_chime,
                on_warning=lambda message: ctx.warn(
                    f"เสียงพูดจากตัวสร้างเสียงนี้ใช้ไม่ได้ จึงใช้ตัวถัดไป ({message})"
                    if ctx.lang == "th" else message,
                    exit_code=exit_code,
                ),
            )
        except OSError as exc:
            raise KhiuError(
                f"เขียนไฟล์ {target} ไม่ได้: {exc}", f"cannot write {target}: {exc}"
            ) from exc
        finally:
            close_engines(engines)
    return {"th": ann.th, "en": ann.en}


def voicepack_build_command(args: argparse.Namespace, ctx: CliContext) -> dict[str, Any]:
    from shared.speech.engines import TtsEngine

    folder = Path(args.folder)
    if folder.exists() and not folder.is_dir():
        raise KhiuError(f"{folder} ไม่ใช่โฟลเดอร์", f"{folder} is not a folder")
    engine = TtsEngine(rate=args.rate)
    try:
        result = build_voicepack(folder, engine, force=args.force)
    except OSError as exc:
        raise KhiuError(f"เขียนลง {folder} ไม่ได้: {exc}", f"cannot write to {folder}: {exc}") from exc
    finally:
        engine.close()
    return {
        "folder": str(result.folder),
        "written": result.written,
        "kept": result.kept,
        "missing": missing_clips(folder),
    }


def voicepack_check_command(args: argparse.Namespace, ctx: CliContext) -> dict[str, Any]:
    folder = Path(args.folder)
    if not folder.is_dir():
        raise KhiuError(f"ไม่มีโฟลเดอร์ชุดเสียง {folder}", f"no voice pack folder {folder}")
    missing = missing_clips(folder, check_audio=True)
    if missing:
        ctx.warn(
            f"ชุดเสียง {folder} ขาดไฟล์เสียง {len(missing)} ไฟล์" if ctx.lang == "th"
            else f"voice pack {folder} lacks {len(missing)} clip(s)"
        )
    # What the hall falls back to when a clip is missing or broken.
    return {"folder": str(folder), "missing": missing, "system_voice": _choice().to_json()}


def _choice() -> Any:
    """(The VoiceChoice) with pyttsx3 asked in its worker and QTextToSpeech in this process."""
    from shared.qt.gui_app import ensure_gui_application
    from shared.qt.qt_voice import select_system_voice
    from shared.speech.tts import TtsEngine

    _quiet_speech_log()
    ensure_gui_application()
    tts = TtsEngine()
    try:
        return select_system_voice(tts)
    finally:
        tts.close()


def voices_command(args: argparse.Namespace, ctx: CliContext) -> dict[str, Any]:
    """Every voice pyttsx3 and each QTextToSpeech engine list here, and the choice."""
    from shared.qt.gui_app import ensure_gui_application
    from shared.qt.qt_voice import pyttsx3_voices, qt_voices
    from shared.speech.tts import TtsEngine
    from shared.speech.voices import choose_system_voice

    _quiet_speech_log()
    ensure_gui_application()
    tts = TtsEngine()
    try:
        listed, error = pyttsx3_voices(tts)
    finally:
        tts.close()
    qt = qt_voices()
    choice = choose_system_voice(listed, qt, pyttsx3_error=error)
    return {
        "pyttsx3": None if listed is None else [v.to_json() for v in listed],
        "pyttsx3_error": error,
        "qt": {engine: [v.to_json() for v in found] for engine, found in qt.items()},
        "choice": choice.to_json(),
        "summary": choice.describe(),
    }


def _voices_text(value: dict[str, Any]) -> str:
    lines = []
    if value["pyttsx3"] is None:
        lines.append(f"pyttsx3: ใช้ไม่ได้ / unavailable ({value['pyttsx3_error']})")
    else:
        thai = [v for v in value["pyttsx3"] if v["thai"]]
        lines.append(f"pyttsx3: {len(value['pyttsx3'])} เสียง / voices; ภาษาไทย / Thai: "
                     + (", ".join(f"{v['name']} [{v['id']}]" for v in thai) or "ไม่มี / none"))
    for engine, found in value["qt"].items():
        thai = [v for v in found if v["thai"]]
        lines.append(f"QTextToSpeech {engine}: {len(found)} เสียง / voices; ภาษาไทย / Thai: "
                     + (", ".join(v["name"] for v in thai) or "ไม่มี / none"))
    lines.append(f"เสียงที่ใช้ในห้องโถง / hall voice: {value['summary']}")
    return "\n".join(lines)


def _build_text(value: dict[str, Any]) -> str:
    return (
        f"สร้างชุดเสียง {value['written']} ไฟล์ (คงไว้ {value['kept']}) / "
        f"wrote {value['written']} clips, kept {value['kept']}: {value['folder']}"
    )


def _check_text(value: dict[str, Any]) -> str:
    voice = value["system_voice"]
    fallback = (f"\nถ้าชุดเสียงใช้ไม่ได้ / if the pack fails: {voice['engine']}"
                f" ({(voice['thai_voice'] or {}).get('name') or 'chime'})")
    if not value["missing"]:
        return f"ชุดเสียงครบ / voice pack complete: {value['folder']}" + fallback
    return ("ขาด / missing:\n" + "\n".join(f"  {clip_id}" for clip_id in value["missing"])
            + fallback)
