import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';

@Entity()
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ unique: true })
  email!: string;

  // Set by UsersService.register from argon2.hash(); never selected by default.
  // ok: credential-storage
  @Column({ select: false })
  password!: string;
}
