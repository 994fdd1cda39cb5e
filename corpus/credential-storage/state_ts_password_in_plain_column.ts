import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';

@Entity()
export class SmtpAccount {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  username!: string;

  // expect: credential-storage
  @Column()
  password!: string;
}
