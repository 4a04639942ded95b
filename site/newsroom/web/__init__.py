"""Web: the Flask app, the page-kind table, views, feeds, calendars and the editors' preview."""
