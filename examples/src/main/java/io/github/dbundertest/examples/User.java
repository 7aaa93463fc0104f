package io.github.dbundertest.examples;

/**
 * A ticket-desk user. The password hash stays in {@link UserRepository}.
 *
 * @param id the generated id
 * @param email the e-mail address as registered; looked up without regard to case
 */
public record User(long id, String email) {
}
