package com.acme.teams;

import java.time.Instant;

public class InviteService {
    private final InviteRepository invites;
    private final MailSender mail;

    public InviteService(InviteRepository invites, MailSender mail) {
        this.invites = invites;
        this.mail = mail;
    }

    public Invite invite(Team team, String email) {
        // expect: token-randomness
        String inviteCode = Long.toString(System.currentTimeMillis(), 36) + team.getId();
        Invite invite = invites.save(new Invite(team.getId(), email, inviteCode, Instant.now()));
        mail.send(email, "Join " + team.getName(), "https://acme.io/join/" + inviteCode);
        return invite;
    }
}
