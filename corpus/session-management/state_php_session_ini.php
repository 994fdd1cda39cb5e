<?php

// expect: session-management
ini_set('session.cookie_httponly', '0');
ini_set('session.cookie_secure', '1');
ini_set('session.use_strict_mode', '1');
session_start();
