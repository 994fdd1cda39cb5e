import express from 'express';
import passport from 'passport';
import { listUsers, deleteUser } from './handlers/users.js';

const admin = express.Router();
admin.use(passport.authenticate('jwt', { session: false }));

admin.get('/users', listUsers);
admin.delete('/users/:id', deleteUser);

export default admin;
