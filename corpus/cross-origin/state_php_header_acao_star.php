<?php

// expect: cross-origin
header('Access-Control-Allow-Origin: ' . ($_SERVER['HTTP_ORIGIN'] ?? '*'));
header('Access-Control-Allow-Credentials: true');

require __DIR__ . '/../bootstrap.php';

echo json_encode(current_user()->toArray());
