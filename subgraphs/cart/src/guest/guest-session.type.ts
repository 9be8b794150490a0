import { Field, ObjectType } from "type-graphql";

@ObjectType()
export class GuestSession {
  @Field(() => String, { description: "Bearer token for a guest: send it as Authorization: Bearer <token>." })
  token!: string;

  @Field(() => Date)
  expiresAt!: Date;
}
