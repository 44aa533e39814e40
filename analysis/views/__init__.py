"""One module per notebook, named after it: that notebook's tables, figures and computed answer text."""
