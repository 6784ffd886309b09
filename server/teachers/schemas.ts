import { z } from "zod";
import { storableString } from "@/lib/storable-string";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../auth/password";

export const NAME_MAX_LENGTH = 80;
/** RFC 5321 caps an address at 254 characters. */
const EMAIL_MAX_LENGTH = 254;

const email = storableString({ error: "Email is required" })
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_LENGTH, { error: "Email is too long" })
  .pipe(z.email({ error: "Enter a valid email address" }));

export const signUpSchema = z.object({
  name: storableString({ error: "Name is required" })
    .trim()
    .min(1, { error: "Name is required" })
    .max(NAME_MAX_LENGTH, { error: `Name must be at most ${NAME_MAX_LENGTH} characters` }),
  email,
  password: storableString({ error: "Password is required" })
    .min(PASSWORD_MIN_LENGTH, { error: `Password must be at least ${PASSWORD_MIN_LENGTH} characters` })
    .max(PASSWORD_MAX_LENGTH, { error: `Password must be at most ${PASSWORD_MAX_LENGTH} characters` }),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email,
  password: storableString({ error: "Password is required" })
    .min(1, { error: "Password is required" })
    .max(PASSWORD_MAX_LENGTH, { error: "Wrong email or password" }),
});
export type SignInInput = z.infer<typeof signInSchema>;
