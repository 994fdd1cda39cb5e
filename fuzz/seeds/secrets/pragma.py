# Synthetic tokens (expanded from templates by the fuzz target).
token = "«ghp_[b62:30][crc]»"  # idgate: allow synthetic fixture for tests
# idgate: allow
key = "«ghp_[b62:30][crc!]»"
password = "correct-horse-battery"
