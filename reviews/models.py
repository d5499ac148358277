"""Go-live (services started, per way the money is managed), reviews and provider feedback. Models arrive with
the first screens; the app sits above validation so it can read the agreed plan and its approval."""
