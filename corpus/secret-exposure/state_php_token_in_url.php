<?php

function password_reset_link(string $email, string $token): string
{
    // ok: secret-exposure
    return url('/reset-password/' . $token) . '?email=' . urlencode($email);
}
