<?php

if (isset($_GET['PHPSESSID'])) {
    // expect: session-management
    session_id($_GET['PHPSESSID']);
}
session_start();

if (password_verify($_POST['password'] ?? '', load_hash($_POST['email'] ?? ''))) {
    session_regenerate_id(true);
    $_SESSION['user_id'] = load_user_id($_POST['email']);
}
