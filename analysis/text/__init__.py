"""Text primitives: functions of one string (cleaning, word repair, dates, numbers, sentences)."""
