<?php

namespace App\Services;

use Illuminate\Support\Facades\Log;

class MailgunSender
{
    public function send(array $msg): void
    {
        $key = config('services.mailgun.secret');
        // expect: secret-exposure
        Log::debug('mailgun send', ['key' => $key, 'to' => $msg['to']]);
    }
}
