"""Journeys: scripted multi-step services (a form from start to check-your-answers), audited at
every step, with each form step's error state probed on the way (LGDSS point 10).

`load.py` reads and validates a journey file, `model.py` holds its types, `runner.py` drives
Chromium through the steps (the gather stage for journeys) and checks every step's page.
"""
