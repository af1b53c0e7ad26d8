"""The citizens' web pages (`khiu serve`): a ticket's live status page, the services
page, and the small JSON/SSE API behind them. Imports no Qt."""
