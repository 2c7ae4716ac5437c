"""Models of this app arrive with its issue (see ../shared/DESIGN.md, "Domain model")."""
