<?php

namespace App\Auth;

final class EmailOtp
{
    private const MAX_ATTEMPTS = 5;

    public function __construct(private OtpRepository $otps, private Mailer $mailer)
    {
    }

    public function send(User $user): void
    {
        // ok: token-randomness
        $code = str_pad((string) random_int(0, 999999), 6, '0', STR_PAD_LEFT);
        $this->otps->store($user->id, password_hash($code, PASSWORD_DEFAULT), attempts: 0, ttl: 600);
        $this->mailer->send($user->email, 'Your sign-in code', "Your code is {$code}");
    }

    public function verify(User $user, string $code): bool
    {
        $otp = $this->otps->find($user->id);
        if ($otp === null || $otp->attempts >= self::MAX_ATTEMPTS) {
            return false;
        }
        $this->otps->incrementAttempts($user->id);
        return password_verify($code, $otp->hash);
    }
}
