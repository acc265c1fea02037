"""Sign-in routes: single sign-on with Clever and linking Clever to an existing account."""
