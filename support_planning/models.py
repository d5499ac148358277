"""Models for this stage arrive with its first screens."""
