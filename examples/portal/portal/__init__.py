"""The reference web portal of restore-access: both portals' recoveries on a stateless server."""
