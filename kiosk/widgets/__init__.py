"""Reusable kiosk widgets: big touch buttons, the QR, the PIN pad, the secret corner."""
