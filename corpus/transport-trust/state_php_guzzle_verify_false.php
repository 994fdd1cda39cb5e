<?php

namespace App\Services;

use GuzzleHttp\Client;

class KeycloakAdmin
{
    private Client $http;

    public function __construct()
    {
        $this->http = new Client([
            'base_uri' => config('services.keycloak.url'),
            // expect: transport-trust
            'verify' => false,
        ]);
    }
}
