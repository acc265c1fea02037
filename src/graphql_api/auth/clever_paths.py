"""The URLs of the Clever sign-in routes and of the pages they send people to."""

LOGIN_PATH = "/auth/clever/login"
LINK_PATH = "/auth/clever/link"
CALLBACK_PATH = "/auth/clever/callback"
WELCOME_PATH = "/auth/clever/welcome"
PASSWORD_LOGIN_FOR_ACCOUNT = "/auth/login?next=/account"
ACCOUNT_LINKED = "/account?linked=1"
