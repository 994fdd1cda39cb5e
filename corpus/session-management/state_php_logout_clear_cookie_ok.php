<?php

session_start();
$_SESSION = [];
session_destroy();
// ok: session-management
setcookie('remember_token', '', time() - 3600, '/');
header('Location: /login');
