"""Forms and journeys: form quality on every discovered form, and error states (LGDSS point 10)."""
