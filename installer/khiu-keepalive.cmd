@echo off
rem Khiu: keep a hall program running (restart 3 s after it ends or crashes).
rem Used by the installer's "start at Windows start-up" options, e.g.
rem   khiu-keepalive.cmd khiu-kiosk.exe
rem Close this (minimised) window to stop restarting.
:loop
"%~dp0%~1" %2 %3 %4 %5 %6 %7 %8 %9
timeout /t 3 /nobreak >nul
goto loop
