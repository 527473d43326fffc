"""One module per resource: auth, incidents, data (documents, claims, evidence, runs, aggregates, audit)."""
