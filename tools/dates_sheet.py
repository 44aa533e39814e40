"""Write the date review sheet for a corpus: one row per article with its inferred dates,
precision, source and quoted evidence, and an empty `corrected_event_date` column.

    python3 tools/dates_sheet.py --corpus PATH --out dates.csv

(`python3 make.py dates ...` runs this.) Fill the corrections in and pass the file back with
`analysis.load_corpus(PATH, dates="dates.csv")`; see README, "The corpus and its dates".
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.dates_review import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
