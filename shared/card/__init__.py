"""The Thai ID card at the kiosk: the date-of-birth reading (pure) and the PC/SC adapter."""
