"""The crawler: frontier, state, politeness and discovery driving fetch -> extract -> sinks."""
