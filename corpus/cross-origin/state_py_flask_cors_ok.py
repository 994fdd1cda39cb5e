from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
# ok: cross-origin
CORS(app, origins=["https://app.example.com", "https://admin.example.com"], supports_credentials=True)
