"""The kiosk's pages, one per step of taking a ticket."""
